{#
    Generic data tests of this project (no hub packages here). Each returns
    the offending rows; zero rows passes.
#}

{# column_name must not exceed upper_column on rows where both are set. #}
{% test not_above(model, column_name, upper_column) %}
    select *
    from {{ model }}
    where {{ column_name }} > {{ upper_column }}
{% endtest %}

{# Non-NULL values must lie in [min_value, max_value]. #}
{% test value_between(model, column_name, min_value, max_value) %}
    select *
    from {{ model }}
    where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}
{% endtest %}

{#
    A column is NULL exactly when its provenance column is NULL: every value
    has a method, and no method stands beside a missing value.
#}
{% test has_method_iff_value(model, column_name, method_column) %}
    select *
    from {{ model }}
    where ({{ column_name }} is null) <> ({{ method_column }} is null)
{% endtest %}

{# The model has as many rows as compare_model (e.g. a mart vs its spine). #}
{% test row_count_matches(model, compare_model) %}
    select *
    from
        (select count(*) as model_rows from {{ model }}) as m,
        (select count(*) as compare_rows from {{ compare_model }}) as c
    where m.model_rows <> c.compare_rows
{% endtest %}

{# No two rows share the same values of `columns`. #}
{% test unique_combination(model, columns) %}
    select {{ columns | join(', ') }}, count(*) as n
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}

{#
    Drift: fails (use severity warn) on rows whose value reaches `factor`
    times its average over the previous `weeks` rows of the same partition
    (ordered by order_by), when that full trailing window exists and the
    rows carry at least min_rows (count_column) so tiny weeks do not alarm.
#}
{% test drift_vs_trailing_average(model, column_name, partition_by, order_by,
                                  count_column, factor=1.5, weeks=4, min_rows=20) %}
    with windowed as (
        select
            *,
            avg({{ column_name }}) over previous_weeks as trailing_average,
            count({{ column_name }}) over previous_weeks as trailing_weeks
        from {{ model }}
        window previous_weeks as (
            partition by {{ partition_by }}
            order by {{ order_by }}
            rows between {{ weeks }} preceding and 1 preceding
        )
    )
    select *
    from windowed
    where trailing_weeks = {{ weeks }}
        and {{ count_column }} >= {{ min_rows }}
        and trailing_average > 0
        and {{ column_name }} >= {{ factor }} * trailing_average
{% endtest %}

{#
    Non-NULL values must lie within the bounds of `field` in seed
    field_bounds: the same range the rule models and the LLM answer schemas
    keep to, so that real text cannot make this test fail (a value outside
    is a defect of the model that produced it).
#}
{% test within_field_bounds(model, column_name, field) %}
    {%- set bounds = field_bounds(field) %}
    select *
    from {{ model }}
    where {{ column_name }} < {{ bounds.min }} or {{ column_name }} > {{ bounds.max }}
{% endtest %}
