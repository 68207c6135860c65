// Minimal types for the `xliff` package (no types of its own): the XLIFF 2.0 converters we use.
declare module 'xliff' {
  export interface XliffUnit {
    source: string;
    target?: string;
    note?: string;
  }
  export interface XliffJs {
    sourceLanguage: string;
    targetLanguage: string;
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export function js2xliff(js: XliffJs): Promise<string>;
  export function xliff2js(xml: string): Promise<XliffJs>;
  const xliff: { js2xliff: typeof js2xliff; xliff2js: typeof xliff2js };
  export default xliff;
}
