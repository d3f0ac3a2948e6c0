// A Pothos plugin that checks every argument of every field before anything else sees it (it runs as
// the first arg mapper, like plugin-validation's checks, so plugin-errors turns its refusals into the
// field's DomainError union member): text anywhere in the arguments (String, ID, and the strings
// inside JSON) must hold no control character, and a BigInt must fit PostgreSQL's bigint. Without it
// a NUL in an offer name or a 26-digit payout reached PostgreSQL and came back as "Unexpected error.";
// in one place, so a new field or input type cannot forget it. Pure: it answers before authorization,
// which reveals nothing.
import { BIGINT_MAX, BIGINT_MIN, controlCharacterIn, isStorableBigint } from "@leadrail/db";
import SchemaBuilder, {
  BasePlugin,
  type InputFieldMapping,
  type InputFieldsMapping,
  mapInputFields,
  type PothosOutputFieldConfig,
  type SchemaTypes,
  unwrapInputFieldType,
} from "@pothos/core";
import { DomainError } from "./errors.ts";

/** What a scalar's values are checked for. */
type Check = "text" | "bigint" | "json";

const CHECKS: Record<string, Check> = { String: "text", ID: "text", BigInt: "bigint", JSON: "json" };

const pluginName = "inputGuard";

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      inputGuard: InputGuardPlugin<Types>;
    }
  }
}

type Path = (string | number)[];

function refuse(path: Path, message: string): never {
  throw new DomainError("invalid_input", `${path.join(".")}: ${message}`);
}

function checkText(text: string, path: Path): void {
  const found = controlCharacterIn(text);
  if (found) refuse(path, `must not contain control characters (found ${found})`);
}

/** JSON is free-form: every string in it, keys too, is text PostgreSQL stores (jsonb refuses NUL). */
function checkJson(value: unknown, path: Path): void {
  if (typeof value === "string") checkText(value, path);
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkJson(item, [...path, index]);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      checkText(key, path);
      checkJson(item, [...path, key]);
    }
  }
}

function checkScalar(check: Check, value: unknown, path: Path): void {
  if (check === "text" && typeof value === "string") checkText(value, path);
  else if (check === "bigint" && typeof value === "bigint" && !isStorableBigint(value)) {
    refuse(path, `must be between ${BIGINT_MIN} and ${BIGINT_MAX}`);
  } else if (check === "json") checkJson(value, path);
}

function checkValue<Types extends SchemaTypes>(
  mapping: InputFieldMapping<Types, Check>,
  value: unknown,
  depth: number,
  path: Path,
): void {
  if (value === null || value === undefined) return;
  if (depth > 0 && Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkValue(mapping, item, depth - 1, [...path, index]);
    return;
  }
  if (mapping.kind === "InputObject") {
    if (mapping.fields.map) checkFields(mapping.fields.map, value as Record<string, unknown>, path);
  } else if (mapping.value !== null) {
    checkScalar(mapping.value, value, path);
  }
}

function checkFields<Types extends SchemaTypes>(
  map: InputFieldsMapping<Types, Check>,
  values: Record<string, unknown>,
  path: Path,
): void {
  for (const [name, mapping] of map) {
    checkValue(mapping, values[name], mapping.listDepth, [...path, name]);
  }
}

export class InputGuardPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const mappings = mapInputFields(fieldConfig.args, this.buildCache, (field) => {
      const config = this.buildCache.getTypeConfig(unwrapInputFieldType(field.type));
      return config.kind === "Scalar" ? (CHECKS[config.name] ?? null) : null;
    });
    if (!mappings) return fieldConfig;
    return {
      ...fieldConfig,
      argMappers: [
        ...fieldConfig.argMappers,
        (args) => {
          checkFields(mappings, args, []);
          return args;
        },
      ],
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, InputGuardPlugin);

export default pluginName;
