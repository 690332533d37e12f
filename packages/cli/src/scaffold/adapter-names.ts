/** The spellings of a new adapter's name that its generated code uses. */
export interface AdapterNames {
  /** As typed and in file names, strings and the short name: `my-vendor`. */
  kebab: string;
  /** Types and classes: `MyVendor`. */
  pascal: string;
  /** Constants and environment variables: `MY_VENDOR`. */
  upper: string;
}

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Thrown for a name `sc-safety adapter new` cannot use; the CLI reports it with exit code 2. */
export class AdapterNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterNameError';
  }
}

/**
 * Checks a new adapter's short name and derives its spellings. Lowercase letters, digits and
 * single hyphens only, starting with a letter: the name becomes a file name, an identifier part
 * and an environment variable part, and must be the same in all three.
 */
export function adapterNames(name: string): AdapterNames {
  if (!NAME.test(name) || name.length > 40) {
    throw new AdapterNameError(
      `invalid adapter name ${JSON.stringify(name)}: use lowercase letters, digits and single hyphens, starting with a letter ` +
        '(at most 40 characters), e.g. "my-vendor"',
    );
  }
  const parts = name.split('-');
  return {
    kebab: name,
    pascal: parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(''),
    upper: parts.join('_').toUpperCase(),
  };
}

/**
 * Renames the template's vendor (Acme, from examples/adapter-acme) in a file's text or path:
 * `ACME_X` → `MY_VENDOR_X`, `AcmeModel` → `MyVendorModel`, `acme-model.ts` → `my-vendor-model.ts`.
 */
export function renameVendor(text: string, names: AdapterNames): string {
  return text.replace(/ACME/g, names.upper).replace(/Acme/g, names.pascal).replace(/acme/g, names.kebab);
}
