export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl space-y-4 px-4 py-16 text-center">
      <h1 className="font-serif text-3xl font-bold">Page not found</h1>
      <p className="text-muted">The page you are looking for does not exist or is no longer public.</p>
      <p>
        <a href="/" className="font-semibold text-brand-700 underline">
          See all campaigns
        </a>
      </p>
    </div>
  );
}
