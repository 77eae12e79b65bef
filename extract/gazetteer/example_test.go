package gazetteer_test

import (
	"fmt"

	"github.com/kgraph/kg/extract/arabic"
	"github.com/kgraph/kg/extract/gazetteer"
)

func ExampleGazetteer_Match() {
	g, err := gazetteer.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	toks := arabic.Tokenize("نفت الخارجية الأمريكية التنسيق مع موسكو وواشنطن")
	norm := make([]string, len(toks))
	for i, t := range toks {
		norm[i] = t.Norm
	}
	for i := 0; i < len(norm); {
		e, n := g.Match(norm[i:])
		if e == nil {
			i++
			continue
		}
		fmt.Printf("%s → %s (%s)\n", toks[i].Text, e.ID, e.NameEn)
		i += n
	}
	// Output:
	// الخارجية → org:us-state-department (US State Department)
	// موسكو → place:moscow (Moscow)
	// وواشنطن → place:washington (Washington)
}

func ExampleGazetteer_Nationality() {
	g, err := gazetteer.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range []string{"الروسية", "والأميركيين", "الأممي"} {
		id, ok := g.Nationality(arabic.Normalize(w))
		fmt.Println(w, id, ok)
	}
	// Output:
	// الروسية place:russia true
	// والأميركيين place:united-states true
	// الأممي org:united-nations true
}
