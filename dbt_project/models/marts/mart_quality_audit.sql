-- The checks write the history after dbt has built, so on a new warehouse the table does not exist yet: the
-- pre-hook creates it empty rather than fail the first build.
-- A view, not a table: the checks of this very run append after dbt builds, and the publish step that runs
-- after them must export their verdicts too, not the previous run's.
{{ config(
    materialized="view",
    pre_hook=["create schema if not exists audit_history", "{{ create_audit_history() }}"],
) }}

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
