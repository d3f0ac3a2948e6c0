// Writes api/schema.graphql from the Pothos schema. A test fails when the committed file is stale.
import { writeFileSync } from "node:fs";
import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "../src/schema/index.ts";

const out = new URL("../schema.graphql", import.meta.url);
writeFileSync(out, `${printSchema(lexicographicSortSchema(schema))}\n`);
console.log(`wrote ${out.pathname}`);
