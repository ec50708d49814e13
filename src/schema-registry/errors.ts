/** Confluent Schema Registry errors: HTTP status, error_code and message texts as Confluent has them. */

export class RegistryError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }

  toJSON(): { error_code: number; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

export const subjectNotFound = (subject: string): RegistryError => new RegistryError(404, 40401, `Subject '${subject}' not found.`);

export const versionNotFound = (version: number): RegistryError => new RegistryError(404, 40402, `Version ${version} not found.`);

export const schemaNotFound = (id?: number | string): RegistryError =>
  new RegistryError(404, 40403, id === undefined ? 'Schema not found' : `Schema ${id} not found`);

export const subjectSoftDeleted = (subject: string): RegistryError =>
  new RegistryError(404, 40404, `Subject '${subject}' was soft deleted.Set permanent=true to delete permanently`);

export const subjectNotSoftDeleted = (subject: string): RegistryError =>
  new RegistryError(404, 40405, `Subject '${subject}' was not deleted first before being permanently deleted`);

export const versionSoftDeleted = (subject: string, version: number): RegistryError =>
  new RegistryError(404, 40406, `Subject '${subject}' Version ${version} was soft deleted.Set permanent=true to delete permanently`);

export const versionNotSoftDeleted = (subject: string, version: number): RegistryError =>
  new RegistryError(404, 40407, `Subject '${subject}' Version ${version} was not deleted first before being permanently deleted`);

export const subjectCompatibilityNotConfigured = (subject: string): RegistryError =>
  new RegistryError(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`);

export const subjectModeNotConfigured = (subject: string): RegistryError =>
  new RegistryError(404, 40409, `Subject '${subject}' does not have subject-level mode configured`);

// Confluent answers an incompatible schema with error_code 409, not its unused 40901.
export const incompatibleSchema = (subject: string, details: string[]): RegistryError =>
  new RegistryError(
    409,
    409,
    `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${details.join(', ')}]`,
  );

export const invalidSchema = (message: string): RegistryError => new RegistryError(422, 42201, message);

export const invalidVersion = (version: string): RegistryError =>
  new RegistryError(
    422,
    42202,
    `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
  );

export const invalidCompatibilityLevel = (): RegistryError =>
  new RegistryError(
    422,
    42203,
    'Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive',
  );

export const invalidMode = (): RegistryError => new RegistryError(422, 42204, 'Invalid mode. Valid values are READWRITE, READONLY and IMPORT.');

export const operationNotPermitted = (message: string): RegistryError => new RegistryError(422, 42205, message);

export const idDoesNotMatch = (message: string): RegistryError => new RegistryError(422, 42207, message);

export const invalidSubject = (subject: string): RegistryError => new RegistryError(422, 42208, `The specified subject '${subject}' is not a valid.`);

export const storeError = (message: string): RegistryError => new RegistryError(500, 50001, message);

export const storeTimeout = (message: string): RegistryError => new RegistryError(500, 50002, message);
