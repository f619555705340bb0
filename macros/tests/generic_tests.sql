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
