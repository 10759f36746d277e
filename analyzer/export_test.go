package analyzer

// ChecksTable is the README's table of checks, for the README test of the
// external test package (where -update is).
var ChecksTable = checksTable
