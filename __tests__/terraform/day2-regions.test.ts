import { REGION_CASES, describeDay2 } from "../support/day2-matrix";

jest.setTimeout(600_000);

// The day-2 matrix (see __tests__/support/day2-matrix.ts): regions.
describeDay2("regions", REGION_CASES);
