/** The admin has no public "Give" button in the header: staff are at work there, not giving. */
export default function AdminHeaderGive() {
  return null;
}
