/** H5 only (imported by the `.h5.ts` download files): saves a fetched file under `fileName` through a temporary download link. */
export async function saveBlobAs(res: Response, fileName: string): Promise<void> {
  const href = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
