// What the review page hands to its role sections: one way to run a workflow action, so
// that every section reports success and field errors the same way (the page owns the
// error summary and the status area).
export type ReviewAction = (path: string, body: object, done: string, formId?: string) => Promise<void>;
