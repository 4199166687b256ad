/** The error under a field: announced, and named by the field's aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} role="alert" className="field-error">
      {message}
    </span>
  ) : null;
}
