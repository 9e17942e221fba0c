import { useEffect, useState } from 'react';
import type { UseFormReturnType } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifyOk } from '../errors';
import { fieldErrorsOf } from './formErrors';

/**
 * The save cycle of a record form in a modal: reset when opened, API field errors
 * at the fields and the message above them, the list refreshed on success.
 */
export function useRecordSave<V, R>({ form, opened, initial, recordId, queryKey, saved, write, onClose, onSaved }: {
  form: UseFormReturnType<V>;
  opened: boolean;
  initial: V;
  recordId?: string;
  queryKey: string;
  saved: string;
  write: (values: V) => Promise<R>;
  onClose: () => void;
  onSaved?: (record: R) => void;
}) {
  const qc = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      form.setValues(initial);
      form.resetDirty(initial);
      form.clearErrors();
      setFormError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, recordId]);

  const save = useMutation({
    mutationFn: write,
    onSuccess: (record) => {
      qc.invalidateQueries({ queryKey: [queryKey] });
      notifyOk(saved);
      onClose();
      onSaved?.(record);
    },
    onError: (err) => {
      const { fields, message } = fieldErrorsOf(err);
      form.setErrors(fields);
      setFormError(message);
    },
  });
  return { formError, save };
}
