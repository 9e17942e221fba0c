import { notifications } from '@mantine/notifications';
import { ApiError } from './api/client';

/** Shows a failed request's message; never loses an error. */
export function notifyError(err: unknown, title = 'Request failed') {
  if (err instanceof ApiError) {
    if (err.status === 401) return; // the session handler says it
    let message = err.message;
    if (err.code === 'SEATS_EXHAUSTED') {
      const d = (err.body.details ?? {}) as { available?: number; quantity?: number; requested?: number };
      message = `${err.message} Only ${d.available ?? 0} seat(s) free${
        d.quantity !== undefined ? ` of ${d.quantity}` : ''
      }${d.requested !== undefined ? `, ${d.requested} requested` : ''}.`;
      title = 'Not enough seats';
    } else if (err.status === 409) title = 'Conflict';
    else if (err.status === 403) title = 'Not allowed';
    else if (err.status === 422) title = 'Refused';
    notifications.show({ color: 'red', title, message, autoClose: 8000 });
    return;
  }
  notifications.show({ color: 'red', title, message: err instanceof Error ? err.message : String(err) });
}

export function notifyOk(message: string) {
  notifications.show({ color: 'green', message });
}
