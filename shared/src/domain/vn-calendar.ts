import { VN_HOLIDAYS, VN_WORKING_WEEKENDS } from '../data/holidays.ts';
import { makeCalendar, type Calendar } from './calendar.ts';

/**
 * The calendar of Vietnamese public servants built from the bundled holiday data (2025–2028).
 * A convenience for callers that do not load holidays from configuration; pure helpers still
 * take the calendar as a parameter so tests and other provinces can pass their own.
 */
export const VN_CALENDAR: Calendar = makeCalendar(VN_HOLIDAYS, VN_WORKING_WEEKENDS);
