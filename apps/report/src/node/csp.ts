/**
 * The page's Content-Security-Policy, as the build wrote it into its meta tag. Scripts run only if
 * their hash is listed (the app's own bundle); nothing can be fetched, framed or submitted; images
 * only from data: URLs. A bug that let model text become markup still could not run or load anything.
 */
export function extractCsp(html: string): string | undefined {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  return m?.[1];
}
