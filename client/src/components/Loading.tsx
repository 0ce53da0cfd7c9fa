export function Spinner({ size = 18 }: { size?: number }) {
  return <span className="spinner" style={{ width: size, height: size }} aria-hidden="true" />;
}

/** A progress note over a panel or the map; `subtle` keeps what is below visible. */
export function LoadingOverlay({ label, subtle = false }: { label: string; subtle?: boolean }) {
  return (
    <div className={`loading-overlay ${subtle ? 'loading-overlay--subtle' : ''}`} role="status" aria-live="polite">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}
