package views

import (
	"reflect"
	"testing"
)

// TestDataViewShowsPageData: every field of Data reaches templates
// through DataView, as a field or a method of the same name.
func TestDataViewShowsPageData(t *testing.T) {
	dv := reflect.TypeFor[*DataView]()
	pd := reflect.TypeFor[Data]()
	for i := range pd.NumField() {
		if !pd.Field(i).IsExported() {
			continue
		}
		name := pd.Field(i).Name
		if _, ok := dv.Elem().FieldByName(name); !ok {
			if _, ok := dv.MethodByName(name); !ok {
				t.Errorf("Data.%s does not reach templates: add it to DataView", name)
			}
		}
	}
}
