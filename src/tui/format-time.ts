/**
 * Times in the viewer's local zone, spelled out by hand so that output does not depend on the ICU
 * locale data of the machine (tests set TZ to pin it).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const two = (value: number) => String(value).padStart(2, '0');

/** "14:03:12". */
export function formatClock(date: Date): string {
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** "14:03". */
export function formatHourMinute(date: Date): string {
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** "Jun 12". */
export function formatDay(date: Date): string {
  return `${MONTHS[date.getMonth()]} ${date.getDate()}`;
}

/** "Jun 12 14:03". */
export function formatDayTime(date: Date): string {
  return `${formatDay(date)} ${formatHourMinute(date)}`;
}

/** "Mon 22:40". */
export function formatWeekdayTime(date: Date): string {
  return `${WEEKDAYS[date.getDay()]} ${formatHourMinute(date)}`;
}

export function isSameDay(left: Date, right: Date): boolean {
  return (
    left.getFullYear() === right.getFullYear() &&
    left.getMonth() === right.getMonth() &&
    left.getDate() === right.getDate()
  );
}
