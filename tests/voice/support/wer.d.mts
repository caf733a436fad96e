export declare function wordEdits(reference: string, hypothesis: string): { edits: number; words: number };
export declare function wordErrorRate(pairs: ReadonlyArray<readonly [string, string]>): number;
