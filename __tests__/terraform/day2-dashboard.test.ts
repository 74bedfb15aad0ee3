import { DASHBOARD_BASE, DASHBOARD_CASES, describeDay2 } from "../support/day2-matrix";

jest.setTimeout(600_000);

// The day-2 matrix (see __tests__/support/day2-matrix.ts): the opt-in dashboard, from a deployment that has one.
describeDay2("dashboard", DASHBOARD_CASES, undefined, DASHBOARD_BASE);
