export function canSimulate(): boolean;
export function createClassroomNet(options: { students: number; linkMbit?: number; sharedMedium?: boolean }): unknown;
