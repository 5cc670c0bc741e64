-- The checks write the history after dbt has built, so on a new warehouse the table does not exist yet: create it
-- empty (the same definition as quality/audit_history.py) rather than fail the first build.
-- A view, not a table: the checks of this very run append after dbt builds, and the publish step that runs
-- after them must export their verdicts too, not the previous run's.
{{ config(materialized="view", pre_hook="
    create schema if not exists audit_history;
    create table if not exists audit_history.evaluations (
        run_id varchar not null, check_name varchar not null, period varchar not null, value double,
        threshold double not null, tolerance double not null, direction varchar not null, unit varchar not null,
        sample_size bigint, verdict varchar not null, evaluated_at timestamp not null,
        primary key (run_id, check_name, period)
    )
") }}

with

evaluations as (

    select * from {{ source('audit_history', 'evaluations') }}

),

final as (

    select
        {{ dbt.concat(['run_id', "'|'", 'check_name', "'|'", 'period']) }} as audit_evaluation_id,
        run_id,
        check_name,
        period,
        value,
        threshold,
        tolerance,
        direction,
        unit,
        sample_size,
        verdict,
        verdict = 'pass' as is_passed,
        evaluated_at
    from evaluations

)

select * from final
