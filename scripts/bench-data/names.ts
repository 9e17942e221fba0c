/** First and last names by language of the site a person works at. */
// prettier-ignore
export const NAMES: Record<'de' | 'pl' | 'en' | 'fr', { first: string[]; last: string[] }> = {
  de: {
    first: ['Anna', 'Lukas', 'Sophie', 'Jonas', 'Marie', 'Felix', 'Lea', 'Paul', 'Emma', 'Leon', 'Hannah', 'Elias',
      'Laura', 'Finn', 'Julia', 'Maximilian', 'Clara', 'David', 'Sarah', 'Tobias', 'Lena', 'Moritz', 'Aylin', 'Stefan',
      'Katharina', 'Jan', 'Mia', 'Niklas', 'Johanna', 'Sebastian'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
      'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
      'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann', 'Yılmaz',
      'Kaya', 'Huber', 'Keller', 'Frank', 'Berger'],
  },
  pl: {
    first: ['Anna', 'Piotr', 'Katarzyna', 'Tomasz', 'Magdalena', 'Paweł', 'Agnieszka', 'Michał', 'Joanna', 'Krzysztof',
      'Aleksandra', 'Marcin', 'Monika', 'Łukasz', 'Ewa', 'Jakub', 'Zofia', 'Mateusz', 'Natalia', 'Wojciech'],
    last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński',
      'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk', 'Piotrowski',
      'Grabowski', 'Nowakowski', 'Pawłowski'],
  },
  en: {
    first: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Jack', 'Olivia', 'James', 'Emily', 'William',
      'Grace', 'Noah', 'Charlotte', 'Thomas', 'Sophia', 'Daniel', 'Chloe', 'Michael', 'Emma', 'Ethan', 'Madison',
      'Benjamin', 'Abigail', 'Samuel', 'Priya', 'Arjun', 'Mei', 'Carlos', 'Fatima'],
    last: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
      'Roberts', 'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Miller',
      'Davis', 'Garcia', 'Martinez', 'Anderson', 'Clark', 'Lewis', 'Patel', 'Khan', 'Nguyen', 'Chen', 'Kim'],
  },
  fr: {
    first: ['Louis', 'Camille', 'Gabriel', 'Léa', 'Raphaël', 'Manon', 'Arthur', 'Chloé', 'Hugo', 'Inès', 'Jules',
      'Jade', 'Lucas', 'Louise', 'Nathan', 'Alice', 'Luca', 'Nina', 'Noé', 'Elena'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
      'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Rossi', 'Favre', 'Meylan', 'de Vries', 'Jansen'],
  },
};

export const LANGUAGE_OF: Record<string, keyof typeof NAMES> = {
  DE: 'de',
  CH: 'de',
  PL: 'pl',
  GB: 'en',
  US: 'en',
  FR: 'fr',
  NL: 'fr',
};

// prettier-ignore
const FOLD: Record<string, string> = {
  ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z',
  é: 'e', è: 'e', ë: 'e', ı: 'i',
};

/** The ASCII local part of an email for a name: "Łukasz Wiśniewski" → "lukasz.wisniewski". */
export function emailLocal(first: string, last: string): string {
  // Letters outside a-z are folded; spaces and anything unknown are dropped ("de Vries" → "devries").
  const fold = (s: string) => s.toLowerCase().replace(/[^a-z]/g, (c) => FOLD[c] ?? '');
  return `${fold(first)}.${fold(last)}`;
}
