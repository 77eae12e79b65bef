package queries_test

import (
	"fmt"
	"log"

	"github.com/kgraph/kg/queries"
)

func ExampleGet() {
	q, err := queries.Get("entity-search")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(q.Name, "-", q.Description)
	for _, p := range q.Params {
		fmt.Printf("$%s %s (default %q): %s\n", p.Name, p.Type, p.Default, p.Description)
	}
	params, err := q.Bind(map[string]string{"q": "الأسد", "limit": "5"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q %T %v\n", params["q"], params["limit"], params["limit"])
	// Output:
	// entity-search - Find an entity from any spelling, also a word with clitics as written in a text (وواشنطن, لروسيا), exact spellings first (full-text index entityNames, Arabic analyzer; Lucene syntax: "phrase", word~ for fuzzy)
	// $q string (default "سورية"): text to search for
	// $limit int (default "20"): maximum number of entities returned
	// "الأسد" int64 5
}

func ExampleQuery_Bind() {
	q, err := queries.Get("shortest-paths")
	if err != nil {
		log.Fatal(err)
	}
	params, err := q.Bind(map[string]string{"from": "بشار الأسد", "types": "HOLDS_ROLE,MEMBER_OF"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q %q %q %d\n", params["from"], params["to"], params["types"], params["limit"])

	_, err = q.Bind(map[string]string{"limt": "3"})
	fmt.Println(err)
	// Output:
	// "بشار الأسد" "place:syria" ["HOLDS_ROLE" "MEMBER_OF"] 10
	// queries: shortest-paths: unknown parameter "limt" (want from, to, types, limit): bad query parameter
}

func ExampleAll() {
	all, err := queries.All()
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range all[:3] {
		fmt.Println(q.Name)
	}
	// Output:
	// article-entities
	// articles-mentioning-both
	// co-mentioned
}
