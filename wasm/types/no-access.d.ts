/** Codes only walking reach throws (`lifecircle/full`): none in this module. */
export type AccessErrorCode = never;
