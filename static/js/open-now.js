/*
 * "Open now" / "Closed now" beside every hotline and service that gives its hours.
 *
 * The page carries each schedule as data (awareness/opening_hours.py): data-open-hours holds
 * [[weekday, opens, closes], ...] in minutes after midnight, Monday = 0, in the site's time
 * zone (data-time-zone, Europe/Riga), and the words to show in data-open / data-closed. The
 * browser compares them with its own clock, read in that time zone: the same cached page is
 * right at any hour, and no cookie is needed. Without JavaScript the hours are still there in
 * words; only the "now" is missing. Checked again every minute.
 */
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MINUTE_MS = 60 * 1000;

function localNow(timeZone, now) {
  const parts = {};
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  for (const part of format.formatToParts(now)) parts[part.type] = part.value;
  return {
    weekday: WEEKDAYS.indexOf(parts.weekday),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function isOpen(schedule, local) {
  return schedule.some(
    ([weekday, opens, closes]) =>
      weekday === local.weekday && opens <= local.minute && local.minute < closes,
  );
}

function schedule(element) {
  try {
    const value = JSON.parse(element.dataset.openHours);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function update() {
  const now = new Date();
  for (const element of document.querySelectorAll("[data-open-hours]")) {
    const hours = schedule(element);
    if (!hours.length) continue;
    const open = isOpen(hours, localNow(element.dataset.timeZone, now));
    element.textContent = open ? element.dataset.open : element.dataset.closed;
    element.classList.toggle("open-now--open", open);
    element.classList.toggle("open-now--closed", !open);
    element.hidden = false;
  }
}

update();
setInterval(update, MINUTE_MS);
