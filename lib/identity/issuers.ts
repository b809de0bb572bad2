/** The OIDC issuers whose certificates Provenant reads as builds or publishers. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITLAB_ISSUER = 'https://gitlab.com';
export const GOOGLE_ISSUER = 'https://accounts.google.com';

/** The forge each CI issuer builds from: repository URLs must live on its origin. */
export const FORGE_ORIGIN = { github: 'https://github.com', gitlab: 'https://gitlab.com' } as const;
export type Forge = keyof typeof FORGE_ORIGIN;
