package arabic_test

import (
	"fmt"

	"github.com/kgraph/kg/extract/arabic"
)

func ExampleStems() {
	fmt.Println(arabic.Stems(arabic.Normalize("وواشنطن")))
	fmt.Println(arabic.Stems(arabic.Normalize("للخارجية")))
	// Output:
	// [وواشنطن واشنطن]
	// [للخارجيه خارجيه الخارجيه لخارجيه]
}
