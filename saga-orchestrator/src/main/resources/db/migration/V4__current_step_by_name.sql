-- A saga's current step is stored by name, not by its position in the definition: a step added to
-- PlaceOrderSaga later moves the positions of the steps after it, never their names, so sagas in
-- flight keep the step they are at. Existing rows get the names of the four steps the positions
-- meant when they were written. A position with no name here keeps its number, and the
-- orchestrator reports it as a step it does not know rather than guess one.
alter table saga_instance alter column current_step set data type varchar(64);
update saga_instance set current_step = case current_step
        when '0' then 'place order'
        when '1' then 'reserve stock'
        when '2' then 'authorize payment'
        when '3' then 'approve order'
        else current_step
    end;
