/** customer-onboarding → CustomerOnboarding: names in the definitions turned into CloudFormation-style names. */
export const pascalCase = (kebab: string) => kebab.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

/**
 * A workflow's execution is named after its subject: a redelivered event finds its execution instead of starting
 * a second one, and whoever must stop it (a cancellation, a merge) finds it by the same name.
 */
export const executionName = (workflow: string, subjectId: string) => `${workflow}-${subjectId}`;
