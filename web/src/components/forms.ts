/** Reads a submitted form's fields as trimmed strings ('' for a missing field). */
export function formValues(form: HTMLFormElement): (name: string) => string {
  const data = new FormData(form);
  return (name) => String(data.get(name) ?? '').trim();
}
