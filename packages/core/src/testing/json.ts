// Test responses are checked by assertions, so their shape is not trusted to the type system.
// biome-ignore lint/suspicious/noExplicitAny: the one place tests read untyped JSON
export type Json = any;

/** The JSON body of a response, for assertions. */
export const json = async (res: Response): Promise<Json> => (await res.json()) as Json;
