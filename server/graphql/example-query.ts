/** The operation GraphiQL opens with: how Lei Jun reaches the Defense Department's list. */
export const EXAMPLE_QUERY = `# Every shortest path from Lei Jun to the US Department of Defense blacklist,
# with the evidence for each link. Press the run button.
query LeiJunToTheList {
  paths(from: "person:lei-jun", to: "list:us-dod-blacklist", maxHops: 4) {
    paths {
      length
      entities { id name kind }
      links {
        type
        from { name }
        to { name }
        since
        on
        status
        citations { excerpt locator source { title } }
      }
    }
  }
}
`;
