/** Sluice's version, reported by GET / and as the version of built-in plugins. */
export const SLUICE_VERSION = '0.1.0';
