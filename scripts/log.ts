// Console output of `pnpm start`: its own lines, and child output prefixed by the child's name.
import { styleText } from "node:util";

/** A failure explained in one line for the person at the terminal: printed without a stack trace. */
export class StartError extends Error {
  override name = "StartError";
}

type Color = Parameters<typeof styleText>[0];
// hasColors() honours NO_COLOR / FORCE_COLOR and the terminal type.
const colorful = Boolean(process.stdout.isTTY && process.stdout.hasColors());

export function paint(color: Color, text: string): string {
  return colorful ? styleText(color, text) : text;
}

export function prefix(name: string, color: Color): string {
  return paint(color, `[${name}]`);
}

export function say(line: string): void {
  console.log(`${prefix("start", "gray")} ${line}`);
}

export function fail(line: string): void {
  console.error(`${prefix("start", "gray")} ${paint("red", `✖ ${line}`)}`);
}

/** The URL without its password, for printing. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
