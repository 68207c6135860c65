// The "comparisons" collection written by codecompare (npm run generate -- --profile astro).
// Each entry's id is its `slug`: "<locale>/<protocol>/<pair>", e.g. "fr/sip/180-ringing-vs-401-unauthorized".
// Pages in other locales with the same `translationKey` are its translations; `alternates` lists them.
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const locale = z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/);
const urlPath = z.string().regex(/^\/[^\s]*\/$/);

export const comparisonSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+-vs-[a-z0-9-]+$/),
    title: z.string().min(1),
    description: z.string().min(1),
    locale,
    lang: z.string().min(2),
    dir: z.enum(['ltr', 'rtl']),
    protocol: z.object({ id: z.string().min(1), name: z.string().min(1) }).strict(),
    codes: z.array(z.object({ code: z.number().int(), reason: z.string().min(1), name: z.string().min(1) }).strict()).length(2),
    translationKey: z.string().min(1),
    path: urlPath,
    canonical: z.string().url(),
    alternates: z
      .array(z.object({ locale, lang: z.string().min(2), name: z.string().min(1), path: urlPath, url: z.string().url() }).strict())
      .min(1),
    aliases: z.array(urlPath),
  })
  .strict();

export type Comparison = z.infer<typeof comparisonSchema>;

export const collections = {
  comparisons: defineCollection({
    loader: glob({ pattern: '**/*.md', base: './src/content/comparisons' }),
    schema: comparisonSchema,
  }),
};
