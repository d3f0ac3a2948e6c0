// Whether a query asks for a field below the current one (through fragments too), so a resolver can
// skip work nobody reads — the report's median costs a sort of every conversion in the range.
import type { FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";

function selects(
  set: SelectionSetNode | undefined,
  path: readonly string[],
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  if (!set) return false;
  const [head, ...rest] = path;
  if (head === undefined) return true;
  return set.selections.some((selection) => {
    if (selection.kind === "Field") {
      return (
        selection.name.value === head &&
        (rest.length === 0 || selects(selection.selectionSet, rest, fragments))
      );
    }
    if (selection.kind === "InlineFragment") return selects(selection.selectionSet, path, fragments);
    const fragment = fragments[selection.name.value];
    return fragment ? selects(fragment.selectionSet, path, fragments) : false;
  });
}

/** `fieldSelected(info, ["rows", "median"])`: is rows.median asked for under the current field? */
export function fieldSelected(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => selects(node.selectionSet, path, info.fragments));
}
