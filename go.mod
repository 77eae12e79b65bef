module github.com/kgraph/kg

go 1.23
