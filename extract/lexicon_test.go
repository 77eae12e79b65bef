package extract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kgraph/kg/extract/arabic"
)

// TestLexiconNormalized checks that every string in a case clause or an
// equality test of the rule code is already normalized: the lexicons are matched against
// arabic.Normalize output, so a hamza or ta marbuta there never matches.
func TestLexiconNormalized(t *testing.T) {
	checkCaseStrings(t, "*.go")
	checkCaseStrings(t, "dates/*.go")
}

func checkCaseStrings(t *testing.T, pattern string) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var list []ast.Expr
			switch n := n.(type) {
			case *ast.CaseClause:
				list = n.List
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					list = []ast.Expr{n.X, n.Y}
				}
			}
			for _, e := range list {
				lit, ok := e.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING || strings.ToUpper(lit.Value) == lit.Value {
					continue
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					continue
				}
				if n := arabic.Normalize(s); n != s {
					t.Errorf("%s: case %q is not normalized: want %q (% x)", fset.Position(lit.Pos()), s, n, s)
				}
			}
			return true
		})
	}
}
