package tagger_test

import (
	"fmt"
	"strings"

	"github.com/kgraph/kg/extract/tagger"
)

func ExampleModel_Tag() {
	m, err := tagger.Default()
	if err != nil {
		panic(err)
	}
	toks := strings.Fields("وقال الرئيس المصري حسني مبارك في القاهرة أمس")
	for i, tag := range m.Tag(toks) {
		fmt.Println(toks[i], tag)
	}
	// Output:
	// وقال O
	// الرئيس O
	// المصري O
	// حسني B-PERS
	// مبارك I-PERS
	// في O
	// القاهرة B-LOC
	// أمس O
}

func ExampleSpans() {
	tags := strings.Fields("O B-PERS I-PERS O I-LOC")
	fmt.Println(tagger.Spans(tags))
	// Output:
	// [{1 3 PERS} {4 5 LOC}]
}
