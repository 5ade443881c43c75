// The state of a search lives in the URL (?q=…&project=envoy), so a search
// can be shared and the back button works. Pure functions, no DOM.

/** Facets: URL parameter and index filter share the name. */
export const FACETS = ["project", "tag", "section", "issue", "year"];

/** Filter values of the records that are results of their own (items, terms). */
export const RECORD_KINDS = ["news", "term"];

/** {q, project, tag, section, issue, year} from a location's search string. */
export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = { q: (params.get("q") ?? "").trim() };
  for (const facet of FACETS) state[facet] = (params.get(facet) ?? "").trim();
  return state;
}

/** The search string of a state; empty values are left out. */
export function stateToSearch(state) {
  const params = new URLSearchParams();
  for (const key of ["q", ...FACETS]) {
    if (state[key]) params.set(key, state[key]);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The chosen facets as index filters: {project: "envoy", ...}. */
export function facetFilters(state) {
  const filters = {};
  for (const facet of FACETS) {
    if (state[facet]) filters[facet] = state[facet];
  }
  return filters;
}

export function hasFacets(state) {
  return Object.keys(facetFilters(state)).length > 0;
}

/**
 * The two searches behind one result list: records that are results of their
 * own first (they carry the facets), then whole pages, which carry none and
 * so are searched only while no facet is chosen.
 */
export function searchPlan(state) {
  const kinds = { kind: { any: RECORD_KINDS } };
  const plan = [{ filters: { ...facetFilters(state), ...kinds } }];
  if (!hasFacets(state)) plan.push({ filters: { not: kinds } });
  return plan;
}
