{#
    The filter that makes the posting models incremental: on an incremental
    run, only rows (re)computed upstream since this model's last run, i.e.
    with a later loaded_at. Together with unique_key dedup_key and the
    delete+insert strategy, a job that received a new posting is replaced
    whole. A full build (or --full-refresh) has no filter.
#}
{% macro new_rows_only(loaded_at_column='loaded_at') -%}
    {%- if is_incremental() -%}
    where {{ loaded_at_column }} > (
        select coalesce(max(loaded_at), cast('1900-01-01' as timestamp))
        from {{ this }}
    )
    {%- endif -%}
{%- endmacro %}
