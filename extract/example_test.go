package extract_test

import (
	"fmt"

	"github.com/kgraph/kg/extract"
)

func ExamplePipeline_Extract() {
	p, err := extract.New(extract.Options{})
	if err != nil {
		panic(err)
	}
	r, err := p.Extract(extract.Article{
		ID:        "example",
		Published: "2016-09-09",
		Text:      "قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات بين روسيا وواشنطن في جنيف مستمرة.",
	})
	if err != nil {
		panic(err)
	}
	for _, e := range r.Entities {
		fmt.Printf("%s %q", e.ID, e.Name)
		for _, m := range e.Mentions {
			fmt.Printf(" [%d,%d)%q", m.Start, m.End, m.Text)
		}
		fmt.Println()
	}
	for _, rel := range r.Relations {
		if rel.Type != extract.CoMentioned {
			fmt.Println(rel.Type, rel.From, "→", rel.To, rel.Props)
		}
	}
	// الروسي is a nationality adjective, not a mention of Russia, but it
	// gives Lavrov's role its country; وواشنطن is a mention of Washington
	// without the attached conjunction.

	// Output:
	// event:talks:geneva:2016-09-09 "محادثات — جنيف" [41,50)"المحادثات"
	// person:sergey-lavrov "سيرغي لافروف" [25,37)"سيرغي لافروف"
	// place:geneva "جنيف" [72,76)"جنيف"
	// place:russia "روسيا" [55,60)"روسيا"
	// place:washington "واشنطن" [62,68)"واشنطن"
	// HOLDS_ROLE person:sergey-lavrov → place:russia map[title:وزير الخارجية]
	// OCCURRED_IN event:talks:geneva:2016-09-09 → place:geneva map[]
	// PARTICIPATED_IN place:russia → event:talks:geneva:2016-09-09 map[role:participant]
	// PARTICIPATED_IN place:washington → event:talks:geneva:2016-09-09 map[role:participant]
}
