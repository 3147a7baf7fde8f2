/** customer-onboarding → CustomerOnboarding: names in the definitions turned into CloudFormation-style names. */
export const pascalCase = (kebab: string) => kebab.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
