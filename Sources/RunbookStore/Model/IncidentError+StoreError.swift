import RunbookCore

extension IncidentError {
    /// The store's error for an operator's action the incident refused: a state conflict, else bad input.
    var storeError: StoreError {
        isStateConflict ? StoreError.conflict(description) : StoreError.invalid(description)
    }
}
