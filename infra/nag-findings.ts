/**
 * cdk-nag names a finding by the resource as it appears in the template: an ARN built with the
 * stack's region and account reads `<AWS::Region>` / `<AWS::AccountId>` only while they are
 * unresolved. The CLI always resolves a region (us-east-1 when none is configured) and, with
 * credentials, an account; acknowledgements written with the placeholders then stop matching.
 */
import { type Stack, Token } from 'aws-cdk-lib';

/** A finding id written with `<AWS::Region>` / `<AWS::AccountId>`, as the stack's template will spell it. */
export const findingIn = (stack: Stack, id: string) =>
  id
    .replaceAll('<AWS::Region>', Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region)
    .replaceAll('<AWS::AccountId>', Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account);
