// EPCIS import: suppliers and customers by GLN (a source or destination named by its GLN).
// Parameters: $glns list of GLNs
// Example: :param glns => ['9520002000019', '9520003000018']
UNWIND $glns AS gln
CALL (gln) {
  MATCH (s:Supplier {gln: gln})
  RETURN 'supplier' AS role, s.code AS code, s.name AS name, null AS contact
  UNION
  MATCH (c:Customer {gln: gln})
  RETURN 'customer' AS role, c.code AS code, c.name AS name, c.contact AS contact
}
RETURN role, code, name, gln, contact
ORDER BY role, gln, code
