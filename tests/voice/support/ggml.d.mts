export declare const SHAPES: Readonly<
  Record<'tiny' | 'base' | 'small', { state: number; heads: number; layers: number }>
>;
export declare function writeGgmlModel(file: string, shapeName?: 'tiny' | 'base' | 'small', seed?: number): number;
