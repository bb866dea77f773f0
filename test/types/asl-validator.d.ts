/** asl-validator ships no types; this is the part the ASL test uses. */
declare module 'asl-validator' {
  interface Validation {
    isValid: boolean;
    errors: { message: string }[];
    errorsText(separator?: string): string;
  }
  export default function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): Validation;
}
